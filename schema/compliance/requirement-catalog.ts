import type { FrameworkType, Requirement } from './compliance-request';
import { GDPR_REQUIREMENTS } from './gdpr-requirements';
import { HIPAA_REQUIREMENTS } from './hipaa-requirements';
import { ISO27001_REQUIREMENTS } from './iso27001-requirements';
import { SOC2_REQUIREMENTS } from './soc2-requirements';

export type RequirementCatalog = Readonly<Record<FrameworkType, readonly Requirement[]>>;

/** Every requirement the platform evaluates, per framework. */
export const REQUIREMENT_CATALOG: RequirementCatalog = {
  SOC2: SOC2_REQUIREMENTS,
  ISO27001: ISO27001_REQUIREMENTS,
  GDPR: GDPR_REQUIREMENTS,
  HIPAA: HIPAA_REQUIREMENTS,
};

export function requirementIds(framework: FrameworkType, catalog: RequirementCatalog = REQUIREMENT_CATALOG): string[] {
  return catalog[framework].map((requirement) => requirement.id);
}
