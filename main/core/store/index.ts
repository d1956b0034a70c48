/**
 * The store's one door. Everything outside main/core/store/ imports the library from here, and only from here (a
 * lint rule in eslint.config.js enforces it): `LibraryStore`, and the plain-data types its methods take and return.
 * Connections, statements, the snapshot writer and the index writer stay inside, so the store can move behind a
 * message boundary (issue 17) without its callers noticing.
 */
export { LibraryStore, type LibraryOptions } from './library-store';
export { QaScanFailure, type PendingTranslation, type QaLibrary, type QaResultsState, type QaScan, type QaScanSettings } from './qa-library';
export type { SnapshotCounts, SnapshotWriting } from './snapshot-writer';
export type { LibraryTranslation } from './translation-write';
export { checkLibraryFiles, type FileVerdict, type IntegrityReport } from './integrity';
export type { ResyncBasis } from './resync-basis';
export type { SyncChanges } from './snapshot-carry';
