export { PipelineThreads, type PipelineThreadsOptions } from './pipeline.threads.js';
