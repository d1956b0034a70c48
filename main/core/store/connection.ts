/**
 * The SQLite connection type every store module works with. It has a file of its own, at the bottom of the store, so
 * the modules that only pass a connection around (the queries, the index, the migrations) need not import the module
 * that opens one (database.ts), which in turn imports them: that is what kept the store's files in a circle.
 */
import type Database from 'libsql';

/** The libsql connection type. */
export type Connection = InstanceType<typeof Database>;

/** A prepared libsql statement. */
export type Statement = Database.Statement;
