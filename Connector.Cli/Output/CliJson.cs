using System.Text.Json;
using System.Text.Json.Serialization;
using Connector.Core.Jobs;

namespace Connector.Cli.Output;

/// <summary>Source-generated JSON for what the CLI prints with <c>--json</c> (camelCase, enums by name, indented).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(ConfigReport))]
[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(List<JobView>))]
[JsonSerializable(typeof(List<ReplayReport>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(WhoAmIReport))]
[JsonSerializable(typeof(CreatedCompanyReport))]
[JsonSerializable(typeof(VerifyEnrichmentReport))]
[JsonSerializable(typeof(RawSavedReport))]
[JsonSerializable(typeof(List<ProductFamilyView>))]
[JsonSerializable(typeof(WebhookView))]
[JsonSerializable(typeof(List<WebhookView>))]
[JsonSerializable(typeof(BackfillReport))]
[JsonSerializable(typeof(WebhookEnsureReport))]
[JsonSerializable(typeof(ReportProductsReport))]
[JsonSerializable(typeof(PurgeResult))]
public sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>The context the CLI prints with: as <see cref="Default"/>, but text such as "…" and "&amp;" is written as is, not escaped.</summary>
    public static CliJson Output { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
