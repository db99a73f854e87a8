using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tickr.Graph.Tests.Faults;

/// <summary>
/// Turns "the database went away at exactly this point" into a deterministic fault: once armed with a fragment of SQL,
/// the server's next command containing it first runs the given fault (terminating the database's connections), then
/// goes ahead on its now dead connection and fails the way a real outage makes it fail. Fires once, then disarms.
/// Registered in the server as an EF Core interceptor (Tickr.Data adds every registered IInterceptor to its contexts).
/// </summary>
public sealed class ConnectionKiller : DbCommandInterceptor
{
    private readonly object _gate = new();
    private string? _fragment;
    private Func<Task>? _fault;
    private TaskCompletionSource? _fired;

    /// <summary>Arms the killer; the returned task completes once the fault has run.</summary>
    public Task Arm(string sqlFragment, Func<Task> fault)
    {
        lock (_gate)
        {
            _fragment = sqlFragment;
            _fault = fault;
            _fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _fired.Task;
        }
    }

    public void Disarm()
    {
        lock (_gate)
        {
            _fragment = null;
            _fault = null;
        }
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await FireAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await FireAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await FireAsync(command);
        return result;
    }

    private async Task FireAsync(DbCommand command)
    {
        Func<Task>? fault;
        TaskCompletionSource? fired;
        lock (_gate)
        {
            if (_fragment is null || !command.CommandText.Contains(_fragment, StringComparison.Ordinal))
            {
                return;
            }
            fault = _fault;
            fired = _fired;
            _fragment = null;
            _fault = null;
        }
        await fault!();
        fired!.TrySetResult();
    }
}
