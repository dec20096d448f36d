// Jest (on Node 20) runs NestJS 12's ES modules as CommonJS; `import.meta.url` has no CommonJS
// spelling, so it becomes the file URL of the module being run. A module's own
// `const require = createRequire(import.meta.url)` is renamed, so it does not shadow the
// `require` the CommonJS transform emits for its imports, and `import(x)` (which Jest's CommonJS
// runtime cannot serve) becomes a `require`. Test tooling only.
module.exports = function importMetaToCommonJs({ types: t }) {
  return {
    visitor: {
      Program: {
        enter(path) {
          if (path.scope.hasOwnBinding('require')) path.scope.rename('require', '__moduleRequire');
        },
      },
      CallExpression(path) {
        if (path.node.callee.type !== 'Import') return;
        const [specifier] = path.node.arguments;
        path.replaceWith(
          t.callExpression(
            t.memberExpression(t.callExpression(t.memberExpression(t.identifier('Promise'), t.identifier('resolve')), []), t.identifier('then')),
            [t.arrowFunctionExpression([], t.callExpression(t.identifier('require'), [specifier]))],
          ),
        );
      },
      MetaProperty(path) {
        if (path.node.meta.name !== 'import' || path.node.property.name !== 'meta') return;
        const parent = path.parentPath;
        if (parent.isMemberExpression() && t.isIdentifier(parent.node.property, { name: 'url' })) {
          parent.replaceWithSourceString("require('node:url').pathToFileURL(__filename).href");
        } else {
          path.replaceWithSourceString("({ url: require('node:url').pathToFileURL(__filename).href })");
        }
      },
    },
  };
};
