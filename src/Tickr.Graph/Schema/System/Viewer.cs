using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.System;

/// <summary>The authenticated caller, as their access token describes them.</summary>
public sealed class Viewer
{
    /// <summary>The token's subject (<c>sub</c>): the user's id.</summary>
    [ID]
    public required string Subject { get; init; }

    /// <summary>The token's roles (<c>role</c> / <c>roles</c> claims).</summary>
    public required IReadOnlyList<string> Roles { get; init; }
}
