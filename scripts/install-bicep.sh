#!/usr/bin/env bash
# Installs the Bicep CLI at tools/bicep/bicep (gitignored) when it is missing or another version.
#
# The CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64, restored with `dotnet restore`
# (a PackageDownload in a throwaway project), so it uses whatever NuGet sources this machine is set up
# for (NuGet.Config, mirrors, credentials) and needs no other download.
#
#   scripts/install-bicep.sh            install if needed, print the path
#   BICEP_VERSION=0.x.y scripts/install-bicep.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
version="${BICEP_VERSION:-0.49.2}"
package="Azure.Bicep.CommandLine.linux-x64"
dir="$root/tools/bicep"
exe="$dir/bicep"

installed_version() {
  [ -x "$exe" ] && "$exe" --version 2>/dev/null | sed -n 's/^Bicep CLI version \([0-9.]*\).*/\1/p'
}

if [ "$(installed_version || true)" = "$version" ]; then
  echo "$exe"
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "install-bicep.sh: $package is for Linux x64; on $(uname -s)-$(uname -m) install Bicep yourself and put it at $exe" >&2; exit 1 ;;
esac
command -v dotnet >/dev/null || { echo "install-bicep.sh: dotnet is missing; install the .NET 10 SDK" >&2; exit 1; }

mkdir -p "$dir"
# Tests and CI may call this at the same time: one installs, the others wait and then find it installed.
exec 9>"$dir/.install.lock"
flock 9
if [ "$(installed_version || true)" = "$version" ]; then
  echo "$exe"
  exit 0
fi

# A throwaway project inside the repository, so the repository's NuGet.Config and global.json apply,
# fenced off from the repository's Directory.Build.props / Directory.Packages.props.
work="$dir/.download"
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Build.targets"
echo '<Project />' > "$work/Directory.Packages.props"
cat > "$work/download.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="$package" Version="[$version]" />
  </ItemGroup>
</Project>
EOF

# When run from inside an MSBuild or test host process, its variables would steer this restore.
unset MSBuildExtensionsPath MSBuildSDKsPath MSBUILD_EXE_PATH MSBuildLoadMicrosoftTargetsReadOnly MSBUILDNOINPROCNODE
packages="$work/packages"
echo "install-bicep.sh: restoring $package $version" >&2
dotnet restore "$work/download.csproj" --packages "$packages" --verbosity quiet -nologo >&2

lower="$(echo "$package" | tr '[:upper:]' '[:lower:]')"
source_exe="$packages/$lower/$version/tools/bicep"
[ -f "$source_exe" ] || { echo "install-bicep.sh: $source_exe not found after restore" >&2; exit 1; }
cp "$source_exe" "$exe.tmp"
chmod +x "$exe.tmp"
mv -f "$exe.tmp" "$exe"

actual="$(installed_version || true)"
[ "$actual" = "$version" ] || { echo "install-bicep.sh: installed bicep reports version '$actual', expected $version" >&2; exit 1; }
echo "$exe"
