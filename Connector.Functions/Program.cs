using Connector.Core;
using Connector.Core.Configuration;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Configuration.AddLegacySettingAliases();
builder.Services.AddConnectorCore();
builder.Build().Run();
