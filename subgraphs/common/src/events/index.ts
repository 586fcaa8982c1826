export * from './tables';
export * from './outbox';
export * from './dispatcher';
export * from './inbox';
export * from './replay';
export * from './jobseekers';
