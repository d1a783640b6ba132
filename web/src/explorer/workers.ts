// Monaco's web workers, bundled by Vite (`?worker` imports) and served from this origin: never a CDN.
// The same as graphiql/setup-workers/vite, written here so that Vite's dev server (whose dependency
// optimizer cannot follow `?worker` inside a package) handles them too.
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker';
import GraphQLWorker from 'monaco-graphql/esm/graphql.worker.js?worker';

(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === 'json') return new JsonWorker();
    if (label === 'graphql') return new GraphQLWorker();
    return new EditorWorker();
  },
};
