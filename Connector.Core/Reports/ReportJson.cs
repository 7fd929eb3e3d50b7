using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Core.Reports;

/// <summary>Source-generated JSON for the report's summary and latest pointer (camelCase, indented for people).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(ReportSummary))]
[JsonSerializable(typeof(LatestReport))]
public sealed partial class ReportJson : JsonSerializerContext
{
    /// <summary>The same contract without indentation, for the job record's <c>Details</c>.</summary>
    public static ReportJson Compact { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull });
}
