import type { ResultOf } from '../app/graphql';
import type { ViewerQuery } from '../app/Home';

type Abilities = ResultOf<typeof ViewerQuery>['viewer']['abilities'];

/** Whether the API says the viewer may do `action` in the province (or anywhere, without a province). */
export function may(abilities: Abilities | undefined, action: string, provinceCode?: string): boolean {
  const ability = abilities?.find((a) => a.action === action);
  if (!ability) return false;
  return ability.national || (provinceCode ? ability.provinceCodes.includes(provinceCode as never) : ability.provinceCodes.length > 0);
}
