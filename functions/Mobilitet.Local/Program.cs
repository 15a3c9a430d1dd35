using Mobilitet.Local;

var app = LocalApp.Build(args);
await app.RunAsync();
