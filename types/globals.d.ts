/** Build-time constants defined in wxt.config.ts. */
declare const __DEFAULT_FEEDS__: readonly string[];
