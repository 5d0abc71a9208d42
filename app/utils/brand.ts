/** What the brand falls back to, and its limits: shared by the server's rules and the settings page. */
export const DEFAULT_BRAND_NAME = "Baton";
export const MAX_BRAND_NAME_LENGTH = 60;
