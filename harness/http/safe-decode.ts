/** decodeURIComponent that answers undefined for malformed percent-encoding instead of throwing. */
export function safeDecodeURIComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}
