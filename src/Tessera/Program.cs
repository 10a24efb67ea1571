using Tessera.Hosting;

var app = TesseraApp.Build(args);
await app.RunAsync();

/// <summary>The entry point, public so tests can host the server with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
