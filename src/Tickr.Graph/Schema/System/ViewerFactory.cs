using System.Security.Claims;
using Tickr.Graph.Auth;

namespace Tickr.Graph.Schema.System;

/// <summary>Reads a <see cref="Viewer"/> from claims (kept off the Viewer type so it does not become a field).</summary>
internal static class ViewerFactory
{
    public static Viewer? From(ClaimsPrincipal? user)
    {
        if (user is not { Identity.IsAuthenticated: true })
        {
            return null;
        }
        var subject = user.FindFirst(TickrClaimTypes.Subject)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            // A token without a subject names nobody: treat it as anonymous rather than invent an id.
            return null;
        }
        var roles = user.Claims
            .Where(c => c.Type is TickrClaimTypes.Role or TickrClaimTypes.Roles or ClaimTypes.Role)
            .Select(c => c.Value)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new Viewer { Subject = subject, Roles = roles };
    }
}
