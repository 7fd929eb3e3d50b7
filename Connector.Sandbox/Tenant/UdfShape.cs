namespace Connector.Sandbox.Tenant;

/// <summary>How a contact's <c>UserDefinedFields</c> are written in an answer.</summary>
public enum UdfShape
{
    /// <summary>The documented flat string map.</summary>
    Documented,
    /// <summary>The odd production tenant: a list value as an object, the checkbox as an array, the date null, numbers as numbers.</summary>
    BentValues,
    /// <summary>An array of <c>{"Key": progId, "Value": text}</c> pairs.</summary>
    KeyValuePairs,
    /// <summary>An array of <c>[progId, text]</c> tuples.</summary>
    Tuples,
    /// <summary>The flat map serialised into one JSON string.</summary>
    JsonString,
    /// <summary><c>null</c> in place of the map: nothing can be read.</summary>
    Null,
    /// <summary>A number in place of the map: unreadable as a whole.</summary>
    Number,
}

/// <summary>Which shape a contact's UDFs take under <see cref="SandboxOptions.UdfShapes"/> and <see cref="SandboxOptions.MalformedUdfs"/>.</summary>
public static class UdfShapes
{
    public const string Documented = "Documented";
    public const string Mixed = "Mixed";

    /// <summary>The shapes of <c>Mixed</c>, taken in turn by contact id (id modulo the count).</summary>
    public static readonly IReadOnlyList<UdfShape> All = Enum.GetValues<UdfShape>();

    /// <summary>The shape of a contact's UDFs: <c>Mixed</c> takes them in turn; a shape's name gives every contact that shape.</summary>
    public static UdfShape Of(int contactId, SandboxOptions options) =>
        options.MalformedUdfs ? UdfShape.BentValues
        : string.Equals(options.UdfShapes, Mixed, StringComparison.OrdinalIgnoreCase) ? All[contactId % All.Count]
        : Enum.TryParse<UdfShape>(options.UdfShapes, ignoreCase: true, out var one) ? one
        : UdfShape.Documented;

    /// <summary>Whether a client can see the stored values in this shape (not when the map is null or a number).</summary>
    public static bool IsReadable(UdfShape shape) => shape is not (UdfShape.Null or UdfShape.Number);
}
