import { defineModule } from '../platform/module.js';
import { measureCommentSubject, MeasureCommentSubject, measureEvents } from './measures.events.js';
import { SupportMeasureResolver } from './measures.resolver.js';
import { MeasuresService } from './measures.service.js';
import { measureExports } from './exports.js';
import { measureAbilities } from './measures.abilities.js';

export { MeasuresService } from './measures.service.js';
export { MeasureEventKind, MeasureEventSubject } from './measures.events.js';
export { SupportMeasureTheme, MilestoneKind, LRT_TREKKER } from './rules.js';

declare module '../platform/context.js' {
  interface Services {
    measures: MeasuresService;
  }
}

/** The LRT's status table of ondersteuningsmaatregelen: measures, trekkers, dated stand van zaken, mijlpalen, export. */
export default defineModule({
  name: 'measures',
  resolvers: [SupportMeasureResolver],
  createService: ({ db }) => new MeasuresService(db),
  contributes: {
    eventSubjects: measureEvents,
    commentSubjects: { [MeasureCommentSubject.SUPPORT_MEASURE]: measureCommentSubject },
    abilities: measureAbilities,
  },
  exports: measureExports,
});
