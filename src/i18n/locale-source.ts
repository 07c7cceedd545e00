// Where a reader's language comes from, as the handlers and the outbox need it. The answers come
// from the staff, branch and customer rows and from Slack (services/staff/reader-locale.ts); this
// interface keeps the views and the posting code free of how.
import { DEFAULT_LOCALE, runInLocale, type Locale } from "./locale";

export interface LocaleSource {
  /** One person's language: their own choice, else their Slack language, else their branch's. */
  ofPerson(slackUserId: string): Promise<Locale>;
  /** The same, for a person known by their staff id (a DM recorded with it). */
  ofStaff(staffId: number): Promise<Locale>;
  /** What a channel reads: the language of the branch whose channel it is. */
  ofChannel(channelId: string): Promise<Locale>;
  /** What is written for a customer (their receipt, their notice): theirs, else their branch's. */
  ofCustomer(customerId: number): Promise<Locale>;
}

/** Everyone reads English: for code run without a database (unit tests, the CLI's help). */
export const defaultLocaleSource: LocaleSource = {
  ofPerson: async () => DEFAULT_LOCALE,
  ofStaff: async () => DEFAULT_LOCALE,
  ofChannel: async () => DEFAULT_LOCALE,
  ofCustomer: async () => DEFAULT_LOCALE,
};

/** Who will read what is rendered: a person (a DM, an ephemeral answer, a modal) or a channel. */
export type Audience = { person: string } | { staff: number } | { channel: string } | { customer: number };

/** Renders `build` in the language of whoever will read it (a failed lookup falls back to the default). */
export async function renderFor<T>(source: LocaleSource | undefined, audience: Audience, build: () => T): Promise<T> {
  if (!source) return build();
  const lookup =
    "person" in audience
      ? source.ofPerson(audience.person)
      : "staff" in audience
        ? source.ofStaff(audience.staff)
        : "customer" in audience
          ? source.ofCustomer(audience.customer)
          : source.ofChannel(audience.channel);
  const locale = await lookup.catch(() => DEFAULT_LOCALE);
  return runInLocale(locale, build);
}
