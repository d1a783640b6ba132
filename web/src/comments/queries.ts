import { graphql, type ResultOf } from '../app/graphql';

export const CommentThreadQuery = graphql(`
  query CommentThread($subjectType: CommentSubjectType!, $subjectId: ID!) {
    commentThread(subjectType: $subjectType, subjectId: $subjectId) {
      subjectType
      subjectId
      unreadCount
      viewerCanComment
      comments {
        id
        parentId
        body
        version
        createdAt
        editedAt
        resolved
        resolvedAt
        resolvedBy { id name }
        author { id name }
        unread
        viewerCanEdit
        viewerCanResolve
      }
    }
  }
`);

export type CommentThread = ResultOf<typeof CommentThreadQuery>['commentThread'];
export type ThreadComment = CommentThread['comments'][number];

export const CommentAdded = graphql(`
  subscription CommentAdded($subjectId: ID!) {
    commentAdded(subjectId: $subjectId) { id author { id name } viewerCanEdit }
  }
`);

export const AddComment = graphql(`
  mutation AddComment($input: AddCommentInput!) {
    addComment(input: $input) { id version }
  }
`);

export const EditComment = graphql(`
  mutation EditComment($input: EditCommentInput!) {
    editComment(input: $input) { id version body editedAt }
  }
`);

export const ResolveComment = graphql(`
  mutation ResolveComment($input: ResolveCommentInput!) {
    resolveComment(input: $input) { id version resolved resolvedAt resolvedBy { id name } }
  }
`);

export const MarkCommentsRead = graphql(`
  mutation MarkCommentsRead($input: MarkCommentsReadInput!) {
    markCommentsRead(input: $input) { subjectId unreadCount comments { id unread } }
  }
`);
