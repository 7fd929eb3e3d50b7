namespace Connector.Core.Storage;

/// <summary>Runs an async action once (e.g. create a table); a failed or cancelled run is tried again on the next call.</summary>
public sealed class AsyncOnce(Func<Task> action)
{
    private readonly Lock _lock = new();
    private Task? _task;

    public Task RunAsync()
    {
        lock (_lock)
        {
            if (_task is null || _task.IsFaulted || _task.IsCanceled)
            {
                _task = action();
            }
            return _task;
        }
    }
}
