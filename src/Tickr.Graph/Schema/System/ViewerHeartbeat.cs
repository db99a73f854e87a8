namespace Tickr.Graph.Schema.System;

/// <summary>One beat of <c>viewerHeartbeat</c>: who the connection is authenticated as, and the server's clock.</summary>
/// <param name="Viewer">The user the connection is authenticated as.</param>
/// <param name="Time">The server's clock at this beat.</param>
public sealed record ViewerHeartbeat(Viewer Viewer, DateTimeOffset Time);
