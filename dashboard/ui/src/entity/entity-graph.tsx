import { useEffect, useRef, useState } from 'react';
import type { Core, ElementDefinition, NodeSingular, StylesheetJson } from 'cytoscape';
import { endpoints } from '../api/endpoints.js';
import type { EntityGraphData } from '../api/types.js';
import { describeError } from '../components/error-text.js';
import { useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';

/** Colours of ad nodes by risk band (as the score badges), and of entity nodes by kind. */
const bandColours: Record<string, string> = { high: '#c62828', medium: '#ef6c00', low: '#78909c' };
const kindColours: Record<string, string> = {
  phone: '#1565c0',
  email: '#6a1b9a',
  handle: '#00838f',
  link: '#4e342e',
  employer: '#2e7d32',
};

/** Labels on the canvas stay short; the whole text shows on hover. */
function shortLabel(text: string, max = 22): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Above this many nodes only the root keeps its label on the canvas; the others show on hover. */
const labelledNodesMax = 60;

function elementsOf(graph: EntityGraphData, rootKey: string): ElementDefinition[] {
  const labelled = graph.nodes.length <= labelledNodesMax;
  const nodes: ElementDefinition[] = graph.nodes.map((node) => ({
    group: 'nodes',
    data: {
      id: node.id,
      full: node.label,
      short:
        node.id === rootKey || (labelled && node.type === 'entity') ? shortLabel(node.label) : '',
      colour:
        node.type === 'ad'
          ? (bandColours[node.band ?? 'low'] ?? '#78909c')
          : (kindColours[node.kind ?? ''] ?? '#455a64'),
      size: node.id === rootKey ? 34 : node.type === 'entity' ? 20 : 14,
    },
    classes: node.type === 'ad' ? 'ad' : node.id === rootKey ? 'entity root' : 'entity',
  }));
  const edges: ElementDefinition[] = graph.edges.map((edge) => ({
    group: 'edges',
    data: { id: `${edge.source}|${edge.target}`, source: edge.source, target: edge.target },
  }));
  return [...nodes, ...edges];
}

const style: StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      width: 'data(size)',
      height: 'data(size)',
      label: 'data(short)',
      'font-size': 10,
      color: '#263238',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px',
      'min-zoomed-font-size': 7,
    },
  },
  { selector: 'node.ad', style: { shape: 'ellipse' } },
  { selector: 'node.entity', style: { shape: 'round-rectangle' } },
  { selector: 'node.root', style: { 'border-width': 3, 'border-color': '#000000' } },
  {
    selector: 'node.hover',
    style: {
      label: 'data(full)',
      'font-size': 12,
      'z-index': 10,
      'text-wrap': 'ellipsis',
      'text-max-width': '260px',
    },
  },
  { selector: 'edge', style: { width: 1, 'line-color': '#b0bec5', 'curve-style': 'haystack' } },
];

/**
 * The ads and entities around an entity, drawn by Cytoscape.js with a force-directed (cose)
 * layout. Ads are circles coloured by risk band, entities squares coloured by kind; hovering a
 * node shows its full label, clicking opens its page.
 */
export function EntityGraph({ entityKey }: { entityKey: string }) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [graph, setGraph] = useState<EntityGraphData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setGraph(null);
    endpoints.entityGraph(entityKey).then(
      (result) => !cancelled && setGraph(result),
      (failure: unknown) => !cancelled && setError(describeError(failure, t)),
    );
    return () => {
      cancelled = true;
    };
  }, [entityKey, t]);

  useEffect(() => {
    if (!graph || !container.current) return;
    let cy: Core | undefined;
    let cancelled = false;
    const element = container.current;
    // Loaded on demand: the graph library stays out of the triage screen's bundle.
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (cancelled) return;
      cy = cytoscape({
        container: element,
        elements: elementsOf(graph, entityKey),
        style,
        layout: {
          name: 'cose',
          animate: false,
          randomize: true,
          nodeRepulsion: () => 12000,
          idealEdgeLength: () => 60,
          padding: 20,
        },
        minZoom: 0.2,
        maxZoom: 3,
      });
      const nodeOf = (event: { target: unknown }) => event.target as NodeSingular;
      cy.on('mouseover', 'node', (event) => {
        nodeOf(event).addClass('hover');
      });
      cy.on('mouseout', 'node', (event) => {
        nodeOf(event).removeClass('hover');
      });
      cy.on('tap', 'node', (event) => {
        const id = nodeOf(event).id();
        if (id.startsWith('ad:')) navigate({ name: 'ad', id: id.slice(3) });
        else if (id !== entityKey) navigate({ name: 'entity', key: id });
      });
    });
    return () => {
      cancelled = true;
      cy?.destroy();
    };
  }, [graph, entityKey]);

  return (
    <section className="panel" aria-labelledby="graph-title">
      <h2 id="graph-title">{t('entity.graph')}</h2>
      <p className="muted small">{t('entity.graphHelp')}</p>
      {error && <p className="error">{error}</p>}
      {!graph && !error && <p className="muted">{t('common.loading')}</p>}
      {graph?.truncated && (
        <p className="notice">{t('entity.graphTruncated', { count: graph.nodes.length })}</p>
      )}
      <div
        ref={container}
        className="entity-graph"
        data-testid="entity-graph"
        role="img"
        aria-label={t('entity.graphLabel', {
          nodes: graph?.nodes.length ?? 0,
          edges: graph?.edges.length ?? 0,
        })}
      />
      <ul className="graph-legend small">
        <li>
          <span className="dot" style={{ background: bandColours.high }} /> {t('band.high')}
        </li>
        <li>
          <span className="dot" style={{ background: bandColours.medium }} /> {t('band.medium')}
        </li>
        <li>
          <span className="dot" style={{ background: bandColours.low }} /> {t('band.low')}
        </li>
        {Object.entries(kindColours).map(([kind, colour]) => (
          <li key={kind}>
            <span className="square" style={{ background: colour }} />{' '}
            {t(`entityKind.${kind}` as 'entityKind.phone')}
          </li>
        ))}
      </ul>
    </section>
  );
}
