using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tickr.GraphQL.AspNetCore.Ide;

/// <summary>
/// Lets the IDE page endpoint match only browser GETs (<see cref="GraphiQLPage.IsIdeRequest"/>), so it can share its
/// path with the GraphQL endpoint's own GET: any other request falls through to that endpoint.
/// </summary>
internal sealed class IdeRequestConstraint : IRouteConstraint
{
    /// <summary>The key the constraint is registered under; it names no route parameter, so routing runs it as a request check.</summary>
    public const string Key = "tickrGraphiQL";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        routeDirection == RouteDirection.IncomingRequest && httpContext is not null && GraphiQLPage.IsIdeRequest(httpContext.Request);
}
