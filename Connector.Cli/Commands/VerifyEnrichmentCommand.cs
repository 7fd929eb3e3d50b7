using System.CommandLine;
using Connector.Cli.Output;
using Connector.Core.Sync;

namespace Connector.Cli.Commands;

/// <summary>
/// <c>verify-enrichment &lt;contactId&gt;</c>: each field of <c>Sync:FieldMap</c> with the contact's value, or that it is
/// missing. Reads the contact the way the sync worker does, so it works where UserDefinedFields are malformed
/// (such values show as <c>unreadable</c>). Exit 1 when a mapped field is missing or unreadable.
/// </summary>
public static class VerifyEnrichmentCommand
{
    public static Command Create(CommandBinder binder)
    {
        var contactId = new Argument<int>("contactId") { Description = "The contact (company) id." };
        var command = new Command("verify-enrichment", "Show each mapped enrichment field of a contact with its value, or that it is missing.") { contactId };

        return binder.Bind(command, async (scope, cancellationToken) =>
        {
            var id = scope.ParseResult.GetValue(contactId);
            var fields = await scope.Get<SyncFieldMap>().GetAsync(cancellationToken).ConfigureAwait(false);
            var contact = await scope.Get<IContactGateway>().GetContactAsync(id, cancellationToken).ConfigureAwait(false)
                          ?? throw new CliFailureException($"Contact {id} does not exist.");

            var reports = fields.Select(f =>
            {
                var current = contact.Udfs.GetValueOrDefault(f.Target.ProgId) ?? CurrentValue.Empty;
                var status = current.Kind switch
                {
                    CurrentValueKind.Value => "ok",
                    CurrentValueKind.Unknown => "unreadable",
                    _ => "missing",
                };
                return new EnrichmentFieldReport(f.Mapping.Source, f.Target.ProgId, f.Target.Label, status, current.Text);
            }).ToList();
            var incomplete = reports.Where(r => r.Status != "ok").ToList();
            var report = new VerifyEnrichmentReport(id, contact.Profile.Name, contact.UdfsUnreadable, incomplete.Count == 0, reports);

            if (scope.Json)
            {
                scope.WriteJson(report, CliJson.Output.VerifyEnrichmentReport);
            }
            else
            {
                scope.Out.WriteLine($"Contact {id} \"{contact.Profile.Name}\"{(contact.UdfsUnreadable ? " (some UserDefinedFields are malformed)" : "")}");
                var table = new TextTable("FIELD", "UDF", "LABEL", "VALUE");
                foreach (var field in reports)
                {
                    table.Add(field.Source, field.ProgId, field.Label, field.Status == "ok" ? field.Value : $"({field.Status})");
                }
                table.WriteTo(scope.Out);
            }
            if (incomplete.Count > 0)
            {
                throw new CliFailureException($"Contact {id} is not fully enriched: {string.Join(", ", incomplete.Select(r => $"{r.Source} ({r.ProgId}) is {r.Status}"))}.");
            }
            return ExitCodes.Success;
        });
    }
}
