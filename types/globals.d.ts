/** Build-time constants defined in wxt.config.ts. */
declare const __DEFAULT_FEEDS__: readonly string[];
/** The packaged snapshot's manifest facts (`WXT_SNAPSHOT_DIR`), or null when the build packages none. */
declare const __SNAPSHOT__: { generatedAt: string; articleCount: number; months: number } | null;
