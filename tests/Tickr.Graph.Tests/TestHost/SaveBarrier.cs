using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tickr.Graph.Tests.TestHost;

/// <summary>
/// Makes concurrent writers meet before they write: once armed for N parties, each of the server's next N saves waits
/// until all N have read what they needed and reached SaveChanges, then all write at once. This turns "two organizers
/// edit the same event at the same moment" from a lucky timing into a deterministic test. <see cref="HoldAsync"/> stops
/// the next save until <see cref="Release"/>, so a test can change the database between a mutation's read and its write.
/// Disarmed, it does nothing.
/// </summary>
public sealed class SaveBarrier : SaveChangesInterceptor
{
    private readonly object _gate = new();
    private TaskCompletionSource? _release;
    private TaskCompletionSource? _firstArrived;
    private int _parties;
    private int _arrived;

    public void Arm(int parties)
    {
        lock (_gate)
        {
            _parties = parties;
            _arrived = 0;
            _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _firstArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Holds every save from now on; completes when the first one is waiting.</summary>
    public Task HoldAsync()
    {
        Arm(int.MaxValue);
        return _firstArrived!.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Lets the held saves go, and disarms.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _release?.TrySetResult();
            _release = null;
        }
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Task? wait = null;
        lock (_gate)
        {
            if (_release is { } release)
            {
                wait = release.Task;
                _firstArrived?.TrySetResult();
                if (++_arrived >= _parties)
                {
                    _release = null;
                    release.TrySetResult();
                }
            }
        }
        if (wait is not null)
        {
            await wait.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        return result;
    }
}
