namespace Connector.Core.Jobs;

/// <summary>What an optimistic update does with the value it has just read (see <see cref="OptimisticUpdate"/>).</summary>
public abstract record UpdateStep<T>
{
    private UpdateStep()
    {
    }

    /// <summary>Write this value, on the condition that nobody changed the stored one since it was read.</summary>
    public sealed record Write(T Next) : UpdateStep<T>;

    /// <summary>Write nothing: the value as read is the answer.</summary>
    public sealed record Keep : UpdateStep<T>;

    /// <summary>Someone else is busy with the value: read it again after the delay.</summary>
    public sealed record Wait(TimeSpan Delay) : UpdateStep<T>;
}

/// <summary>Shorthands for <see cref="UpdateStep{T}"/>.</summary>
public static class UpdateStep
{
    public static UpdateStep<T> Write<T>(T next) => new UpdateStep<T>.Write(next);

    public static UpdateStep<T> Keep<T>() => new UpdateStep<T>.Keep();

    public static UpdateStep<T> Wait<T>(TimeSpan delay) => new UpdateStep<T>.Wait(delay);
}
