/**
 * A hidden field that only a browser without JavaScript sends (forms render it until hydration): resource
 * routes then answer with a redirect back to the page instead of data for a fetcher.
 */
export const NO_SCRIPT_FIELD = "noscript";
