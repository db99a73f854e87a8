namespace Tickr.Graph.Schema.Relay;

/// <summary>Where a page sits in the whole list.</summary>
/// <param name="HasNextPage">Whether more items follow this page (fetch them with <c>after: endCursor</c>).</param>
/// <param name="HasPreviousPage">Whether items come before this page.</param>
/// <param name="StartCursor">The cursor of the first item of the page; null for an empty page.</param>
/// <param name="EndCursor">The cursor of the last item of the page; null for an empty page.</param>
public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);
