/**
 * The Kubernetes name rule the kit checks before naming objects.
 */

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The longest DNS-1123 subdomain. */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

/**
 * Whether `value` is a DNS-1123 subdomain (lowercase letters, digits, `-` and
 * `.`, starting and ending with a letter or digit, at most 253 characters):
 * the form of most Kubernetes object names (Deployments, ServiceAccounts,
 * Roles, ConfigMaps...).
 *
 * @param value - any value.
 */
export function isDns1123Subdomain(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.length <= DNS1123_SUBDOMAIN_MAX_LENGTH &&
    DNS1123_SUBDOMAIN.test(value)
  );
}
