using System.Runtime.CompilerServices;
using Tickr.GraphQL;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.System;

/// <summary>
/// Heartbeat subscriptions, so the IDE and clients can try subscriptions end to end (transport, authentication,
/// cancellation) before any domain event exists. Each subscriber has its own timer: nothing goes through the bus.
/// </summary>
[SubscriptionType]
public sealed class SystemSubscriptions
{
    public const int MinIntervalSeconds = 1;
    public const int MaxIntervalSeconds = 60;

    /// <summary>The server's clock, every <c>intervalSeconds</c> (1 to 60), starting at once.</summary>
    /// <param name="clock">The server's clock.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <param name="intervalSeconds">Seconds between two beats, 1 to 60.</param>
    public IAsyncEnumerable<DateTimeOffset> ServerTime(
        [Service] TimeProvider clock,
        CancellationToken cancellationToken,
        int intervalSeconds = 1)
    {
        var interval = CheckInterval(intervalSeconds);
        return TickAsync(clock, interval, cancellationToken);
    }

    /// <summary>
    /// Who this connection is authenticated as, with the server's clock, every <c>intervalSeconds</c> (1 to 60).
    /// Refused with <c>UNAUTHENTICATED</c> for an anonymous connection.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="clock">The server's clock.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <param name="intervalSeconds">Seconds between two beats, 1 to 60.</param>
    public IAsyncEnumerable<ViewerHeartbeat> ViewerHeartbeat(
        IResolverContext context,
        [Service] TimeProvider clock,
        CancellationToken cancellationToken,
        int intervalSeconds = 5)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Checked when subscribing (not at the first event), so the refusal is the subscription's answer.
        var viewer = ViewerFactory.From(context.RequireAuthenticatedUser())
            ?? throw new GraphQLException("The access token has no subject.", TickrErrorCodes.Unauthenticated);
        var interval = CheckInterval(intervalSeconds);
        return Beats(viewer, TickAsync(clock, interval, cancellationToken), cancellationToken);
    }

    private static TimeSpan CheckInterval(int seconds)
    {
        if (seconds is < MinIntervalSeconds or > MaxIntervalSeconds)
        {
            throw new GraphQLException(
                $"intervalSeconds must be between {MinIntervalSeconds} and {MaxIntervalSeconds}; got {seconds}.",
                ErrorCodes.BadUserInput);
        }
        return TimeSpan.FromSeconds(seconds);
    }

    private static async IAsyncEnumerable<DateTimeOffset> TickAsync(
        TimeProvider clock,
        TimeSpan interval,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return clock.GetUtcNow();
        using var periodic = new PeriodicTimer(interval, clock);
        while (await periodic.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return clock.GetUtcNow();
        }
    }

    private static async IAsyncEnumerable<ViewerHeartbeat> Beats(
        Viewer viewer,
        IAsyncEnumerable<DateTimeOffset> ticks,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var time in ticks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new ViewerHeartbeat(viewer, time);
        }
    }
}
