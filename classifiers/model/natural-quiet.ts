// `natural` loads dotenv on import, and dotenv prints a banner to stdout unless told to be quiet.
// This module is imported before `natural` (ES modules evaluate in import order) so that
// `adwatch score` output stays pure JSON lines.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
