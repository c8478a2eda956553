/** Pings in flight at a time when --load is given without --concurrency (the CLI's help names it without loading the load check). */
export const defaultLoadConcurrency = 10
