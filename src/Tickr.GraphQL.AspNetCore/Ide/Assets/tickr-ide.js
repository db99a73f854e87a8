// Mounts GraphiQL (UMD globals React, ReactDOM, GraphiQL, graphqlWs) for the Tickr GraphQL endpoint.
// Settings come from the page's JSON block so that the page needs no inline script (CSP script-src 'self').
(function () {
  'use strict';

  var settings = JSON.parse(document.getElementById('tickr-ide-settings').textContent);
  var httpUrl = new URL(settings.endpoint, window.location.href);
  var wsUrl = new URL(settings.endpoint, window.location.href);
  wsUrl.protocol = httpUrl.protocol === 'https:' ? 'wss:' : 'ws:';

  // One fetcher per set of request headers: HTTP requests carry the headers from the headers editor, and a
  // subscription socket sends them as the connection_init payload (a WebSocket handshake cannot carry custom
  // headers), so a changed Authorization header gets its own socket. Clients are lazy: a socket is open only
  // while a subscription runs.
  var fetchers = new Map();

  function fetcherFor(headers) {
    var key = JSON.stringify(headers || {});
    var fetcher = fetchers.get(key);
    if (!fetcher) {
      var options = {
        url: httpUrl.href,
        headers: { accept: 'application/graphql-response+json, application/json' },
        // Tickr answers with one JSON result; incremental delivery (multipart) is not used.
        enableIncrementalDelivery: false
      };
      if (settings.subscriptions) {
        options.wsClient = graphqlWs.createClient({
          url: wsUrl.href,
          lazy: true,
          retryAttempts: 2,
          connectionParams: Object.assign({}, headers || {})
        });
      }
      fetcher = GraphiQL.createFetcher(options);
      fetchers.set(key, fetcher);
    }
    return fetcher;
  }

  function fetcher(params, opts) {
    return fetcherFor(opts && opts.headers)(params, opts);
  }

  var props = {
    fetcher: fetcher,
    isHeadersEditorEnabled: settings.headerEditor,
    // Headers often hold tokens: keep them out of localStorage.
    shouldPersistHeaders: false
  };
  if (typeof settings.defaultQuery === 'string') {
    props.defaultQuery = settings.defaultQuery;
  }

  var container = document.getElementById('graphiql');
  ReactDOM.createRoot(container).render(React.createElement(GraphiQL, props));
})();
