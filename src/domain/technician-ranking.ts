// R5: the most suitable technician first — by availability, area, skill, then today's load.

export interface TechnicianCandidate {
  staffId: number;
  name: string;
  available: boolean;
  areas: readonly string[];
  /** Product-line words such as "compressor" or "chiller". */
  skills: readonly string[];
  openTickets: number;
  visitsToday: number;
}

export interface RankingTicket {
  area: string;
  equipmentModel?: string | null;
  faultDescription?: string | null;
}

export interface RankedTechnician<T extends TechnicianCandidate> {
  candidate: T;
  coversArea: boolean;
  skillMatch: boolean;
  load: number;
}

/**
 * A skill matches when the skill word appears, case-insensitively, anywhere in the equipment
 * model or the fault description ("Chiller" matches model "CHILLER-500" and fault "chiller
 * leaks"). Substring matching keeps it simple and predictable; the skills are short product-line
 * words, not free text.
 */
export function matchesSkill(skills: readonly string[], ticket: RankingTicket): boolean {
  const haystack = `${ticket.equipmentModel ?? ""}\n${ticket.faultDescription ?? ""}`.toLowerCase();
  return skills.some((skill) => {
    const word = skill.trim().toLowerCase();
    return word !== "" && haystack.includes(word);
  });
}

/**
 * R5 order: available before away; covering the ticket's area; matching skill; least load (open
 * tickets + visits today); then name, then id so equal candidates keep a stable order.
 */
export function rankTechnicians<T extends TechnicianCandidate>(candidates: readonly T[], ticket: RankingTicket): RankedTechnician<T>[] {
  const ranked = candidates.map((candidate) => ({
    candidate,
    coversArea: candidate.areas.includes(ticket.area),
    skillMatch: matchesSkill(candidate.skills, ticket),
    load: candidate.openTickets + candidate.visitsToday,
  }));
  const first = (flag: boolean) => (flag ? 0 : 1);
  return ranked.sort(
    (a, b) =>
      first(a.candidate.available) - first(b.candidate.available) ||
      first(a.coversArea) - first(b.coversArea) ||
      first(a.skillMatch) - first(b.skillMatch) ||
      a.load - b.load ||
      a.candidate.name.localeCompare(b.candidate.name) ||
      a.candidate.staffId - b.candidate.staffId,
  );
}
