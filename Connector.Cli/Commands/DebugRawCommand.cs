using System.CommandLine;
using System.Globalization;
using System.Text;
using Connector.Cli.Output;
using Connector.Core.SuperOffice;

namespace Connector.Cli.Commands;

/// <summary><c>debug-raw &lt;id&gt; [--entity contact|sale] [--out FILE]</c>: SuperOffice's answer saved exactly as it came.</summary>
public static class DebugRawCommand
{
    public const string DefaultFile = "raw_api_response.json";

    public static Command Create(CommandBinder binder)
    {
        var id = new Argument<int>("id") { Description = "The contact id (or sale id with --entity sale)." };
        var entity = new Option<string>("--entity") { Description = "Which entity to fetch.", DefaultValueFactory = _ => "contact" };
        entity.AcceptOnlyFromAmong("contact", "sale");
        var output = new Option<string>("--out") { Description = "The file to write (- for stdout).", DefaultValueFactory = _ => DefaultFile };
        var command = new Command("debug-raw", "Save the raw JSON of a contact or sale exactly as SuperOffice returns it.") { id, entity, output };

        return binder.Bind(command, async (scope, cancellationToken) =>
        {
            var path = (scope.ParseResult.GetValue(entity) == "sale" ? "v1/Sale/" : "v1/Contact/")
                       + scope.ParseResult.GetValue(id).ToString(CultureInfo.InvariantCulture);
            var raw = await scope.Get<SuperOfficeClient>().GetRawAsync(path, cancellationToken).ConfigureAwait(false);
            var target = scope.ParseResult.GetValue(output)!;
            if (target == "-")
            {
                await scope.Out.WriteAsync(raw).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var file = Path.GetFullPath(target, scope.WorkingDirectory);
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(raw);
            await File.WriteAllBytesAsync(file, bytes, cancellationToken).ConfigureAwait(false);
            var report = new RawSavedReport("GET " + path, file, bytes.Length);
            if (scope.Json)
            {
                scope.WriteJson(report, CliJson.Output.RawSavedReport);
            }
            else
            {
                scope.Out.WriteLine($"Saved {report.Request} ({report.Bytes} bytes) to {report.File}");
            }
            return ExitCodes.Success;
        });
    }
}
