using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.GraphQL;

namespace Tickr.Graph.Schema.Relay;

/// <summary>
/// Forward pagination over an ordered query: <c>first</c> (1 to <see cref="MaxPageSize"/>) and <c>after</c>.
/// Cursors are opaque offsets: they work with every sort order the schema offers (relevance included) at the cost of
/// shifting when items are inserted before the cursor, which catalog lists tolerate.
/// </summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    private const string Prefix = "offset:";

    /// <summary>Checks <paramref name="first"/> and decodes <paramref name="after"/>; a GraphQL error (BAD_USER_INPUT) otherwise.</summary>
    public static (int Skip, int Take) Window(int? first, string? after)
    {
        var take = first ?? DefaultPageSize;
        if (take is < 0 or > MaxPageSize)
        {
            throw new GraphQLException($"first must be between 0 and {MaxPageSize}; got {take}.", ErrorCodes.BadUserInput);
        }
        var skip = 0;
        if (after is not null)
        {
            skip = DecodeCursor(after) + 1;
        }
        return (skip, take);
    }

    public static string EncodeCursor(int offset) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    private static int DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                && offset >= 0)
            {
                return offset;
            }
        }
        catch (FormatException)
        {
        }
        throw new GraphQLException($"'{cursor}' is not a cursor of this list.", ErrorCodes.BadUserInput);
    }

    /// <summary>
    /// Runs one page of the query (which must be ordered) on a context of its own, fetching one extra row to know
    /// whether a next page exists. The total count is a second query on another context, run only when
    /// <c>totalCount</c> is selected.
    /// </summary>
    public static Task<Connection<TNode>> ToConnectionAsync<TRow, TNode>(
        IDbContextFactory<TickrDbContext> contexts,
        Func<TickrDbContext, IQueryable<TRow>> query,
        int? first,
        string? after,
        Func<TRow, TNode> toNode,
        CancellationToken cancellationToken) =>
        ToConnectionAsync(contexts, query, static (_, page) => page, first, after, toNode, cancellationToken);

    /// <summary>
    /// The same, with <paramref name="complete"/> applied to the page once it is cut (after OFFSET/LIMIT): joins that
    /// bring related rows along then touch only the page's rows, and the count query never sees them.
    /// </summary>
    public static Task<Connection<TNode>> ToConnectionAsync<TRow, TPage, TNode>(
        IDbContextFactory<TickrDbContext> contexts,
        Func<TickrDbContext, IQueryable<TRow>> query,
        Func<TickrDbContext, IQueryable<TRow>, IQueryable<TPage>> complete,
        int? first,
        string? after,
        Func<TPage, TNode> toNode,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(complete);
        return ToConnectionAsync(
            contexts,
            (db, skip, take) => complete(db, query(db).Skip(skip).Take(take)).AsAsyncEnumerable(),
            (db, ct) => query(db).CountAsync(ct),
            first,
            after,
            toNode,
            cancellationToken);
    }

    /// <summary>
    /// The general form: <paramref name="fetchPage"/> reads <c>take</c> rows after <c>skip</c> (e.g. a compiled query),
    /// <paramref name="count"/> counts the whole list (run only when <c>totalCount</c> is selected). Each runs on a
    /// context of its own; one extra row is fetched to know whether a next page exists.
    /// </summary>
    public static async Task<Connection<TNode>> ToConnectionAsync<TPage, TNode>(
        IDbContextFactory<TickrDbContext> contexts,
        Func<TickrDbContext, int, int, IAsyncEnumerable<TPage>> fetchPage,
        Func<TickrDbContext, CancellationToken, Task<int>> count,
        int? first,
        string? after,
        Func<TPage, TNode> toNode,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(fetchPage);
        ArgumentNullException.ThrowIfNull(count);
        ArgumentNullException.ThrowIfNull(toNode);
        var (skip, take) = Window(first, after);
        var rows = new List<TPage>(take == 0 ? 0 : take + 1);
        if (take > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await foreach (var row in fetchPage(db, skip, take + 1).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
            }
        }
        var hasNext = rows.Count > take;
        var edges = new List<Edge<TNode>>(Math.Min(rows.Count, take));
        for (var i = 0; i < rows.Count && i < take; i++)
        {
            edges.Add(new Edge<TNode>(toNode(rows[i]), EncodeCursor(skip + i)));
        }
        var pageInfo = new PageInfo(hasNext, skip > 0, edges.Count > 0 ? edges[0].Cursor : null, edges.Count > 0 ? edges[^1].Cursor : null);
        return new Connection<TNode>(edges, pageInfo, async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
            return await count(db, ct).ConfigureAwait(false);
        });
    }
}
