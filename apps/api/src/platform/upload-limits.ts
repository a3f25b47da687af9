/** Evidence photos from phones and scanned records; larger files are refused with 413. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
