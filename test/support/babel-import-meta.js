// Jest (on Node 20) runs NestJS 12's ES modules as CommonJS; `import.meta.url` has no CommonJS
// spelling, so it becomes the file URL of the module being run. Test tooling only.
module.exports = function importMetaToCommonJs({ types: t }) {
  return {
    visitor: {
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
