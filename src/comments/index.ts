import { defineModule } from '../platform/module.js';
import type { CommentSubjectAdapter } from './comment.js';
import { CommentResolver } from './comment.resolver.js';
import { CommentService, type CommentLoaders } from './comment.service.js';

export { Comment, CommentSubjectTypes, type CommentSubjectAdapter, type CommentSubjectType } from './comment.js';
export { CommentService } from './comment.service.js';

declare module '../platform/context.js' {
  interface Services {
    comments: CommentService;
  }
  interface Loaders extends CommentLoaders {}
}

declare module '../platform/module.js' {
  interface Contributions {
    /** Subjects one may comment on, by type, with the policy of their own capability. */
    commentSubjects: Readonly<Record<string, CommentSubjectAdapter>>;
  }
}

/** Threaded comments on any subject a capability offers (`commentSubjects`), with read markers per person. */
export default defineModule({
  name: 'comments',
  resolvers: [CommentResolver],
  createService: ({ db, contributions }) => new CommentService(db, Object.assign({}, ...contributions.commentSubjects)),
  createLoaders: (comments) => comments.createLoaders(),
});
