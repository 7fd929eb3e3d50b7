using System.CommandLine;
using Connector.Cli.Output;
using Connector.Core.SuperOffice;

namespace Connector.Cli.Commands;

/// <summary><c>create-company [--name N] [--orgnr X] [--url U]</c>: a test company, to set the webhook flow going.</summary>
public static class CreateCompanyCommand
{
    public const string DefaultName = "Bremer Abenteuerland";

    public static Command Create(CommandBinder binder)
    {
        var name = new Option<string>("--name") { Description = "The company name.", DefaultValueFactory = _ => DefaultName };
        var orgNr = new Option<string?>("--orgnr") { Description = "The organisation number." };
        var url = new Option<string?>("--url") { Description = "The company's web site, e.g. https://www.example.com." };
        var command = new Command("create-company", "Create a test company in SuperOffice (its webhook sets the enrichment going) and print its id.")
        {
            name, orgNr, url,
        };
        return binder.Bind(command, async (scope, cancellationToken) =>
        {
            var companyName = scope.ParseResult.GetValue(name);
            if (string.IsNullOrWhiteSpace(companyName))
            {
                throw new CliUsageException("--name is empty; give the company a name.");
            }
            var website = scope.ParseResult.GetValue(url);
            var created = await scope.Get<SuperOfficeClient>().CreateContactAsync(new NewContact
            {
                Name = companyName.Trim(),
                OrgNr = scope.ParseResult.GetValue(orgNr),
                Urls = string.IsNullOrWhiteSpace(website) ? null : [new ContactValue(website.Trim())],
            }, cancellationToken).ConfigureAwait(false);

            var report = new CreatedCompanyReport(created.ContactId, created.Profile.Name, created.Profile.OrgNr, created.Profile.Urls);
            if (scope.Json)
            {
                scope.WriteJson(report, CliJson.Output.CreatedCompanyReport);
            }
            else
            {
                scope.Out.WriteLine($"Created company {report.ContactId} \"{report.Name}\".");
            }
            return ExitCodes.Success;
        });
    }
}
