import { describe, expect, it } from 'vitest';
import {
  PACKAGE_EXAMPLES,
  PACKAGE_MANAGERS,
  packageProblem,
  type PackageManager,
} from './packages';

describe('package syntax', () => {
  it.each(PACKAGE_MANAGERS)('accepts the documented example for %s', (manager) => {
    expect(packageProblem(manager, PACKAGE_EXAMPLES[manager])).toBeNull();
  });

  const valid: [PackageManager, string][] = [
    ['apt', 'build-essential'],
    ['apt', 'libssl-dev=3.0.13-0ubuntu3'],
    ['apt', 'g++'],
    ['cargo', 'cargo-nextest'],
    ['cargo', 'ripgrep@=14.0.0'],
    ['gem', 'bundler'],
    ['gem', 'nokogiri:1.16.2'],
    ['go', 'github.com/golangci/golangci-lint/cmd/golangci-lint@v1.61.0'],
    ['go', 'golang.org/x/tools/gopls'],
    ['npm', '@types/node@20'],
    ['npm', 'typescript@^5.4'],
    ['npm', 'pnpm@latest'],
    ['pip', 'requests'],
    ['pip', 'uvicorn[standard]==0.30.0'],
    ['pip', 'django>=4.2,<5'],
    ['pip', 'numpy >= 1.26, < 2'],
  ];
  it.each(valid)('%s accepts %s', (manager, entry) => {
    expect(packageProblem(manager, entry)).toBeNull();
  });

  const invalid: [PackageManager, string, string][] = [
    ['pip', 'pandas=2.2.0', 'pip pins with == (two equals signs), e.g. pandas==2.2.0.'],
    ['pip', 'pandas 2.2.0', 'One package per row, without spaces.'],
    ['npm', 'Express@4', 'npm package names are lowercase.'],
    ['npm', 'express:4', 'npm pins with @, e.g. express@4.18.0.'],
    ['cargo', 'ripgrep==14.0.0', 'cargo pins with @, e.g. ripgrep@14.0.0.'],
    ['gem', 'rails@7.1.0', 'gem pins with a colon, e.g. rails:7.1.0.'],
    ['gem', 'rails==7.1.0', 'gem pins with a colon, e.g. rails:7.1.0.'],
    [
      'go',
      'goimports@latest',
      'A Go module path starts with a domain, e.g. golang.org/x/tools/cmd/goimports@latest.',
    ],
    ['go', 'golang.org/x/tools/cmd/goimports@1.2.3', 'Go versions start with v, e.g. @v1.2.3.'],
    ['apt', 'ripgrep==14.1.0', 'apt pins with a single =, e.g. ripgrep=14.1.0-1.'],
    ['apt', 'Ripgrep', 'apt package names are lowercase.'],
    ['apt', 'ripgrep=latest', 'Not valid for apt; write it like ripgrep=14.1.0-1.'],
  ];
  it.each(invalid)('%s rejects %s', (manager, entry, message) => {
    expect(packageProblem(manager, entry)).toBe(message);
  });
});
