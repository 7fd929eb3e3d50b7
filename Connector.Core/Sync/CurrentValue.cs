namespace Connector.Core.Sync;

public enum CurrentValueKind
{
    Empty,
    Value,
    /// <summary>The field's value could not be read (malformed UserDefinedFields).</summary>
    Unknown,
}

/// <summary>
/// What a contact UDF holds now, as far as it could be read. <see cref="Stored"/> is the value exactly as the contact
/// carried it (a JSON string), which a write can test is still there; null when there is nothing to test against
/// (the key was missing, or the value was unreadable or in another form).
/// </summary>
public sealed record CurrentValue(CurrentValueKind Kind, string? Text = null, string? Stored = null)
{
    public static readonly CurrentValue Empty = new(CurrentValueKind.Empty);
    public static readonly CurrentValue Unknown = new(CurrentValueKind.Unknown);

    /// <summary>A value read as the JSON string <paramref name="text"/> (empty when it is null or "").</summary>
    public static CurrentValue Of(string? text) => string.IsNullOrEmpty(text) ? Empty with { Stored = text } : new(CurrentValueKind.Value, text, text);
}
