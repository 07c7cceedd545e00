export const SERVER_ENV = "SERVICEDESK_TEST_SERVER_URL";
export const TEMPLATE_ENV = "SERVICEDESK_TEST_TEMPLATE";

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
