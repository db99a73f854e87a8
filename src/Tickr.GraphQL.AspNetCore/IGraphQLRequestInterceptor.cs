using Microsoft.AspNetCore.Http;

namespace Tickr.GraphQL.AspNetCore;

/// <summary>
/// Optional host hook run before each HTTP or SSE operation: fill <c>ContextData</c> (tenant, user details…) from
/// the request. Authentication itself is ASP.NET Core's (the request's user is already in
/// <see cref="GraphQLContextKeys.User"/>); WebSocket connections use <see cref="WebSockets.IWebSocketAuthenticator"/>.
/// </summary>
public interface IGraphQLRequestInterceptor
{
    ValueTask OnRequestAsync(HttpContext httpContext, IDictionary<string, object?> contextData, CancellationToken cancellationToken);
}
