namespace Connector.Core.Sync;

public enum CurrentValueKind
{
    Empty,
    Value,
    /// <summary>The field's value could not be read (malformed UserDefinedFields).</summary>
    Unknown,
}

/// <summary>What a contact UDF holds now, as far as it could be read.</summary>
public sealed record CurrentValue(CurrentValueKind Kind, string? Text = null)
{
    public static readonly CurrentValue Empty = new(CurrentValueKind.Empty);
    public static readonly CurrentValue Unknown = new(CurrentValueKind.Unknown);

    public static CurrentValue Of(string? text) => string.IsNullOrEmpty(text) ? Empty : new(CurrentValueKind.Value, text);
}
