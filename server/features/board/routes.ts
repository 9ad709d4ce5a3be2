import * as c from '../../../shared/contracts/board';
import type { Mount } from '../../http/route';
import { ratePost, reopenPost, resolvePost } from './author-moves';
import * as comments from './comments';
import { listPosts } from './feed';
import { officialReply } from './official';
import { uploadPhoto } from './photos';
import { addPlusOne, removePlusOne } from './plus-ones';
import * as posts from './posts';
// Registers the post and comment content subjects (screening and moderation act through them).
import './subjects';

export function register(mount: Mount) {
  mount(c.listPosts, ({ params, query }, ctx) => listPosts(ctx, params.communityId, query));
  mount(c.createPost, ({ params, body }, ctx) => posts.createPost(ctx, params.communityId, body));
  mount(c.getPost, ({ params }, ctx) => posts.getPost(ctx, params.communityId, params.postId));
  mount(c.editPost, ({ params, body }, ctx) => posts.editPost(ctx, params.communityId, params.postId, body.body));
  mount(c.deletePost, ({ params }, ctx) => posts.deletePost(ctx, params.communityId, params.postId));
  mount(c.listComments, ({ params, query }, ctx) =>
    comments.listComments(ctx, params.communityId, params.postId, query),
  );
  mount(c.createComment, ({ params, body }, ctx) =>
    comments.createComment(ctx, params.communityId, params.postId, body),
  );
  mount(c.deleteComment, ({ params }, ctx) =>
    comments.deleteComment(ctx, params.communityId, params.postId, params.commentId),
  );
  mount(c.addPlusOne, ({ params }, ctx) => addPlusOne(ctx, params.communityId, params.postId));
  mount(c.removePlusOne, ({ params }, ctx) => removePlusOne(ctx, params.communityId, params.postId));
  mount(c.resolvePost, ({ params }, ctx) => resolvePost(ctx, params.communityId, params.postId));
  mount(c.reopenPost, ({ params, body }, ctx) => reopenPost(ctx, params.communityId, params.postId, body.reason));
  mount(c.ratePost, ({ params, body }, ctx) => ratePost(ctx, params.communityId, params.postId, body));
  mount(c.officialReply, ({ params, body }, ctx) => officialReply(ctx, params.communityId, params.postId, body.body));
  mount(c.uploadPhoto, ({ params, file }, ctx) => uploadPhoto(ctx, params.communityId, file));
}
