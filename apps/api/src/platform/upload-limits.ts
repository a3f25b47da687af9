/** Evidence photos from phones and scanned records; larger files are refused with 413. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Files per upload; more are refused with 413. */
export const MAX_UPLOAD_FILES = 10;
/** Plain fields per upload form (an upload names its pilot; the rest is slack for clients). */
export const MAX_UPLOAD_FIELDS = 20;
