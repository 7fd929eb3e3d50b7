using System.Globalization;

namespace Connector.Core.SuperOffice;

/// <summary>
/// One UDF as read: its kind, the stored text (SuperOffice's encoding, e.g. <c>[I:3]</c>, <c>[D:03/01/2024]</c>,
/// <c>True</c>), the list item's display text and tooltip when given, and for unreadable values the raw JSON.
/// </summary>
public sealed record UdfValue(UdfValueKind Kind, string? Text = null, string? DisplayText = null, string? DisplayTooltip = null, string? Raw = null)
{
    /// <summary>
    /// The value exactly as the entity carried it, when it was a JSON string (the documented form, empty ones
    /// included); null for a missing key, <c>null</c>, or a value salvaged from another form. A JSON Patch
    /// <c>test</c> that the field still holds what we read compares against this.
    /// </summary>
    public string? Stored { get; init; }

    public static readonly UdfValue Missing = new(UdfValueKind.Missing);
    public static readonly UdfValue Empty = new(UdfValueKind.Empty);

    public static UdfValue Unreadable(string raw) => new(UdfValueKind.Unreadable, Raw: raw);

    /// <summary>True for <see cref="UdfValueKind.Empty"/> and <see cref="UdfValueKind.Value"/>: we know what the field holds.</summary>
    public bool IsKnown => Kind is UdfValueKind.Empty or UdfValueKind.Value;

    public bool HasValue => Kind == UdfValueKind.Value;

    /// <summary>The list item id of <c>[I:n]</c>.</summary>
    public int? ListItemId => UdfEncoding.ParseListItem(Text);

    /// <summary>The date of <c>[D:MM/dd/yyyy]</c> (or an ISO date).</summary>
    public DateOnly? Date => UdfEncoding.ParseDate(Text);

    /// <summary><c>True</c>/<c>False</c>/<c>1</c>/<c>0</c> (also <c>[I:1]</c>/<c>[I:0]</c>).</summary>
    public bool? Bool => UdfEncoding.ParseBool(Text);

    /// <summary>A number, plain or as <c>[I:n]</c> / <c>[F:x]</c> (invariant culture).</summary>
    public decimal? Number => UdfEncoding.ParseNumber(Text);

    /// <summary>What a person would read: the list item's display text, else the decoded value, else the stored text.</summary>
    public string? Display => Kind != UdfValueKind.Value
        ? null
        : DisplayText ?? (Date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : UdfEncoding.Unwrap(Text));
}
