/*
 * The plan modeler: bpmn-js (vendored browser build, global BpmnJS) with the flowable: and dunning: attributes
 * Dunning's plans use, a palette of Dunning steps, a small properties panel, and check / deploy / import
 * against the plan API. Every change goes through bpmn-js' modeling commands, so undo and redo cover it.
 */
(function () {
  'use strict';

  const root = document.getElementById('plan-editor');
  const messages = JSON.parse(root.dataset.messages);
  const t = (key, ...args) => (messages[key] || key).replace(/\{(\d+)\}/g, (_, i) => (args[i] ?? ''));
  const canEdit = root.dataset.canEdit === 'true';
  const csrf = root.dataset.csrfHeader ? { [root.dataset.csrfHeader]: root.dataset.csrfToken } : {};
  let planKey = root.dataset.key || null;

  /* ---- the namespaces: every attribute the shipped plans use is a typed property, so saving keeps it ---- */

  const attr = (name) => ({ name, isAttr: true, type: 'String' });
  const flowableModdle = {
    name: 'Flowable', uri: 'http://flowable.org/bpmn', prefix: 'flowable', xml: { tagAlias: 'lowerCase' },
    associations: [],
    types: [
      { name: 'AsyncCapable', isAbstract: true, extends: ['bpmn:Activity', 'bpmn:Gateway', 'bpmn:Event'],
        properties: [attr('async'), attr('exclusive')] },
      { name: 'ServiceTaskLike', isAbstract: true, extends: ['bpmn:ServiceTask'],
        properties: [attr('expression'), attr('class'), attr('delegateExpression'), attr('resultVariableName'),
          attr('type'), attr('triggerable')] },
      { name: 'Assignable', isAbstract: true, extends: ['bpmn:UserTask'],
        properties: [attr('candidateGroups'), attr('candidateUsers'), attr('assignee'), attr('formKey'),
          attr('dueDate'), attr('priority'), attr('category')] },
      { name: 'StartForm', isAbstract: true, extends: ['bpmn:StartEvent'],
        properties: [attr('formKey'), attr('initiator')] },
      { name: 'Starters', isAbstract: true, extends: ['bpmn:Process'],
        properties: [attr('candidateStarterGroups'), attr('candidateStarterUsers')] },
      { name: 'ExecutionListener', superClass: ['Element'], meta: { allowedIn: ['*'] },
        properties: [attr('event'), attr('expression'), attr('class'), attr('delegateExpression')] },
      { name: 'TaskListener', superClass: ['Element'], meta: { allowedIn: ['bpmn:UserTask'] },
        properties: [attr('event'), attr('expression'), attr('class'), attr('delegateExpression')] }
    ]
  };
  const dunningModdle = {
    name: 'Dunning', uri: 'https://dunning.dev/bpmn', prefix: 'dunning', xml: { tagAlias: 'lowerCase' },
    associations: [],
    types: [
      { name: 'PlanSettings', isAbstract: true, extends: ['bpmn:Process'],
        properties: [attr('graceDays'), attr('minimumAmount'), attr('maxPromiseDays'), attr('maxPostponeDays'),
          attr('neverRestrict'), attr('restrictionNoticeDays'), attr('remindDaysBefore'), attr('remindAt')] },
      { name: 'Staged', isAbstract: true, extends: ['bpmn:FlowNode'], properties: [attr('stage')] }
    ]
  };

  /* ---- Dunning's steps ---- */

  const NOTICE = /^\$\{\s*plan\.sendNotice\(\s*execution\s*,\s*'([^']*)'\s*,\s*'([^']*)'\s*(?:,\s*'([^']*)'\s*)?\)\s*\}$/;
  const notice = (template, channels, option) =>
    '${plan.sendNotice(execution, \'' + template + '\', \'' + channels + '\'' + (option ? ', \'' + option + '\'' : '') + ')}';
  const PROMISED_DATE = '${plan.dayAfter(promisedOn)}';

  const STEPS = [
    { id: 'send-notice', icon: 'bpmn-icon-send', elements: () => [
      { type: 'bpmn:ServiceTask', id: 'sendNotice', name: t('step.sendNotice'),
        attrs: { 'flowable:async': 'true', 'flowable:expression': notice('', 'email') } }] },
    { id: 'call-task', icon: 'bpmn-icon-user-task', elements: () => [
      { type: 'bpmn:UserTask', id: 'callDebtor', name: t('step.callTask'),
        attrs: { 'flowable:candidateGroups': 'collectors', 'flowable:formKey': 'call-debtor', 'dunning:stage': 'call' } },
      { type: 'bpmn:ServiceTask', id: 'recordCallOutcome', name: t('step.recordCallOutcome'),
        attrs: { 'flowable:expression': '${plan.recordCallOutcome(execution)}' } }] },
    { id: 'pretrial-letter', icon: 'bpmn-icon-script', elements: () => [
      { type: 'bpmn:ServiceTask', id: 'sendPretrialClaim', name: t('step.pretrialLetter'),
        attrs: { 'flowable:async': 'true', 'flowable:expression': notice('pretrial-claim', 'email', 'pdf'),
          'dunning:stage': 'pretrial' } }] },
    { id: 'restrict-service', icon: 'bpmn-icon-manual', elements: () => [
      { type: 'bpmn:UserTask', id: 'restrictService', name: t('step.restrictService'),
        attrs: { 'flowable:candidateGroups': 'managers', 'flowable:formKey': 'restrict-service',
          'dunning:stage': 'restriction' } }] },
    { id: 'lawyer-task', icon: 'bpmn-icon-business-rule', elements: () => [
      { type: 'bpmn:UserTask', id: 'handleLegalCase', name: t('step.lawyerTask'),
        attrs: { 'flowable:candidateGroups': 'lawyers', 'flowable:formKey': 'legal-case', 'dunning:stage': 'legal' } },
      { type: 'bpmn:ServiceTask', id: 'recordLegalOutcome', name: t('step.recordLegalOutcome'),
        attrs: { 'flowable:expression': '${plan.recordLegalOutcome(execution)}' } }] },
    { id: 'wait-promise', icon: 'bpmn-icon-intermediate-event-catch-timer', elements: () => [
      { type: 'bpmn:IntermediateCatchEvent', id: 'waitForPromisedPayment', name: t('step.waitPromise'),
        timer: { timeDate: PROMISED_DATE } }] },
    { id: 'timer', icon: 'bpmn-icon-intermediate-event-catch-timer', elements: () => [
      { type: 'bpmn:IntermediateCatchEvent', id: 'wait', name: humanDuration('P3D'), timer: { timeDuration: 'P3D' } }] }
  ];

  function DunningPalette(palette, create, elementFactory, bpmnFactory, modeling, canvas, selection, elementRegistry,
      eventBus, commandStack) {
    const freeId = (base) => {
      let id = base;
      for (let n = 2; elementRegistry.get(id) || idTaken(id); n++) id = base + n;
      return id;
    };
    const idTaken = (id) => elementRegistry.getAll().some((e) => e.businessObject && e.businessObject.id === id);
    const shapeOf = (spec) => {
      const bo = bpmnFactory.create(spec.type, Object.assign({ id: freeId(spec.id), name: spec.name }, spec.attrs || {}));
      if (spec.timer) {
        const definition = bpmnFactory.create('bpmn:TimerEventDefinition', {});
        for (const [kind, body] of Object.entries(spec.timer)) {
          const expression = bpmnFactory.create('bpmn:FormalExpression', { body });
          expression.$parent = definition;
          definition[kind] = expression;
        }
        definition.$parent = bo;
        bo.eventDefinitions = [definition];
      }
      return elementFactory.createShape({ type: spec.type, businessObject: bo });
    };
    /** Places the step after the selected element (or after the right-most one), its follow-up after it. */
    const place = (step) => {
      const specs = step.elements();
      const first = shapeOf(specs[0]);
      let chosen = selection.get().filter((e) => !e.waypoints && e.type !== 'label' && e.parent)[0];
      // A step with a follow-up (call -> record the outcome) is continued after the follow-up.
      while (chosen && chainEnd.has(chosen) && chainEnd.get(chosen).parent) chosen = chainEnd.get(chosen);
      const rootElement = canvas.getRootElement();
      let placed;
      if (chosen && chosen !== rootElement) {
        placed = modeling.appendShape(chosen, first,
          { x: chosen.x + chosen.width + 80 + first.width / 2, y: chosen.y + chosen.height / 2 }, chosen.parent);
      } else {
        const shapes = elementRegistry.filter((e) => e.parent === rootElement && !e.waypoints && e.type !== 'label');
        const right = shapes.reduce((max, e) => Math.max(max, e.x + e.width), 100);
        placed = modeling.createShape(first, { x: right + 80 + first.width / 2, y: 120 }, rootElement);
      }
      followUps(placed, specs.slice(1));
      return placed;
    };
    // One click is one step on the undo stack, however many elements and flows it makes.
    const placeAsOne = (step) => selection.select(together(commandStack, () => place(step)));
    const chainEnd = new WeakMap();
    const followUps = (after, specs) => {
      let previous = after;
      for (const spec of specs) {
        const next = shapeOf(spec);
        previous = modeling.appendShape(previous, next,
          { x: previous.x + previous.width + 60 + next.width / 2, y: previous.y + previous.height / 2 }, previous.parent);
      }
      if (previous !== after) chainEnd.set(after, previous);
    };
    const drag = (step) => (event) => {
      const specs = step.elements();
      const first = shapeOf(specs[0]);
      if (specs.length > 1) {
        const listener = (e) => {
          if ((e.context.elements || []).includes(first)) {
            eventBus.off('commandStack.elements.create.postExecuted', listener);
            followUps(first, specs.slice(1));
          }
        };
        eventBus.on('commandStack.elements.create.postExecuted', listener);
        eventBus.once('create.cleanup', () => setTimeout(() => eventBus.off('commandStack.elements.create.postExecuted', listener)));
      }
      create.start(event, first);
    };
    this.getPaletteEntries = () => {
      const entries = { 'dunning-separator': { group: 'dunning', separator: true } };
      for (const step of STEPS) {
        entries['dunning-' + step.id] = { group: 'dunning', className: 'dunning-step ' + step.icon,
          title: t('step.' + camel(step.id)), action: { click: () => placeAsOne(step), dragstart: drag(step) } };
      }
      return entries;
    };
    palette.registerProvider(this);
    // A new flow is named for where it leads (toSendNotice), like the shipped plans, not Flow_0x1y2z.
    eventBus.on('commandStack.connection.create.postExecuted', (event) => {
      const connection = event.context.connection;
      if (connection.type === 'bpmn:SequenceFlow' && /^Flow_/.test(connection.businessObject.id) && connection.target) {
        const target = connection.target.businessObject.id;
        modeling.updateProperties(connection, { id: freeId('to' + target.charAt(0).toUpperCase() + target.slice(1)) });
      }
    });
  }
  DunningPalette.$inject = ['palette', 'create', 'elementFactory', 'bpmnFactory', 'modeling', 'canvas', 'selection',
    'elementRegistry', 'eventBus', 'commandStack'];

  /** Runs several modeling commands as one command: one undo takes them all back. */
  function together(commandStack, run) {
    const context = { run };
    commandStack.execute('dunning.together', context);
    return context.result;
  }

  const camel = (id) => id.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  const xmlText = (value) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

  const modeler = new BpmnJS({
    container: '#canvas',
    keyboard: { bindTo: document },
    moddleExtensions: { flowable: flowableModdle, dunning: dunningModdle },
    additionalModules: canEdit ? [{ __init__: ['dunningPalette'], dunningPalette: ['type', DunningPalette] }] : []
  });
  modeler.get('commandStack').register('dunning.together', { preExecute: (context) => { context.result = context.run(); } });
  const modeling = modeler.get('modeling');
  const canvas = modeler.get('canvas');
  const selection = modeler.get('selection');
  const elementRegistry = modeler.get('elementRegistry');
  const bpmnFactory = modeler.get('bpmnFactory');
  const eventBus = modeler.get('eventBus');

  /* ---- what the analyst picks from ---- */

  let library = { templates: [], channels: [], forms: [], candidateGroups: [], stages: [] };
  const libraryLoaded = fetch('/api/plans/library', { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : library)).then((l) => { library = l; });

  /* ---- the properties panel ---- */

  const panel = document.getElementById('properties');
  const el = (tag, props, ...children) => {
    const node = Object.assign(document.createElement(tag), props || {});
    children.flat().forEach((c) => node.append(c));
    return node;
  };
  const field = (label, input, hint) => el('label', { className: 'prop' }, el('span', { textContent: label }), input,
    hint ? el('small', { className: 'hint', textContent: hint }) : []);
  const text = (name, value, onChange, attrs) => {
    const input = el('input', Object.assign({ name, value: value ?? '', disabled: !canEdit }, attrs || {}));
    input.addEventListener('change', () => onChange(input.value.trim() === '' ? undefined : input.value.trim()));
    return input;
  };
  const choice = (name, value, options, onChange) => {
    const select = el('select', { name, disabled: !canEdit },
      el('option', { value: '', textContent: '—' }),
      options.map((o) => el('option', { value: o, textContent: o, selected: o === value })));
    if (value && !options.includes(value)) select.append(el('option', { value, textContent: value, selected: true }));
    select.addEventListener('change', () => onChange(select.value === '' ? undefined : select.value));
    return select;
  };

  const isA = (bo, type) => bo && bo.$instanceOf && bo.$instanceOf(type);
  const processOf = (rootElement) => {
    const bo = rootElement.businessObject;
    return isA(bo, 'bpmn:Collaboration') ? bo.participants[0].processRef : bo;
  };
  const timerOf = (bo) => (bo.eventDefinitions || []).find((d) => isA(d, 'bpmn:TimerEventDefinition'));

  function render() {
    const rootElement = canvas.getRootElement();
    if (!rootElement || !rootElement.businessObject) return;
    const element = selection.get().find((e) => e.type !== 'label') || rootElement;
    panel.replaceChildren(element === rootElement || isA(element.businessObject, 'bpmn:Participant')
      ? processPanel(rootElement) : elementPanel(element));
  }

  function processPanel(rootElement) {
    const process = processOf(rootElement);
    const update = (props) => {
      if (rootElement.businessObject === process) modeling.updateProperties(rootElement, props);
      else modeling.updateModdleProperties(rootElement, process, props);
    };
    const neverRestrict = el('input', { type: 'checkbox', name: 'neverRestrict', disabled: !canEdit,
      checked: process.get('dunning:neverRestrict') === 'true' });
    neverRestrict.addEventListener('change', () => update({ 'dunning:neverRestrict': neverRestrict.checked ? 'true' : undefined }));
    const heading = [el('h3', { textContent: t('process') }),
      field(t('prop.key'), text('key', process.id, (v) => v && update({ id: v })), t('hint.key')),
      field(t('prop.name'), text('name', process.name, (v) => update({ name: v })))];
    if (process.get('dunning:remindDaysBefore') !== undefined) { // a plan that reminds before the due date
      return el('div', { id: 'process-properties' }, heading,
        field(t('prop.remindDaysBefore'), text('remindDaysBefore', process.get('dunning:remindDaysBefore'),
          (v) => update({ 'dunning:remindDaysBefore': v })), t('hint.remindDaysBefore')),
        field(t('prop.remindAt'), text('remindAt', process.get('dunning:remindAt'),
          (v) => update({ 'dunning:remindAt': v })), t('hint.remindAt')));
    }
    return el('div', { id: 'process-properties' }, heading,
      field(t('prop.graceDays'), text('graceDays', process.get('dunning:graceDays'),
        (v) => update({ 'dunning:graceDays': v }), { inputMode: 'numeric' }), t('hint.graceDays')),
      field(t('prop.minimumAmount'), text('minimumAmount', process.get('dunning:minimumAmount'),
        (v) => update({ 'dunning:minimumAmount': v }), { inputMode: 'decimal' }), t('hint.minimumAmount')),
      field(t('prop.maxPromiseDays'), text('maxPromiseDays', process.get('dunning:maxPromiseDays'),
        (v) => update({ 'dunning:maxPromiseDays': v }), { inputMode: 'numeric' })),
      field(t('prop.maxPostponeDays'), text('maxPostponeDays', process.get('dunning:maxPostponeDays'),
        (v) => update({ 'dunning:maxPostponeDays': v }), { inputMode: 'numeric' })),
      field(t('prop.restrictionNoticeDays'), text('restrictionNoticeDays', process.get('dunning:restrictionNoticeDays'),
        (v) => update({ 'dunning:restrictionNoticeDays': v || undefined }), { inputMode: 'numeric' }),
        t('hint.restrictionNoticeDays')),
      el('label', { className: 'prop check' }, neverRestrict, el('span', { textContent: t('prop.neverRestrict') })),
      foreignFields(rootElement, process));
  }

  /*
   * What another modeler left on the element (camunda:class, a zeebe:taskDefinition, ...): Dunning will not deploy
   * it, so it is listed with a button to take it out, undoable like every other change.
   */
  const OWN_PREFIXES = ['flowable', 'dunning', 'xsi', 'xmlns'];
  function foreignFields(element, bo) {
    const attributes = Object.keys(bo.$attrs || {}).filter((name) => name.includes(':')
      && !OWN_PREFIXES.includes(name.split(':')[0]) && !name.startsWith('xmlns'));
    const extensions = ((bo.extensionElements && bo.extensionElements.values) || [])
      .filter((value) => !/^(flowable|dunning):/.test(value.$type));
    if (!attributes.length && !extensions.length) return [];
    const remove = (label, action) => {
      const button = el('button', { type: 'button', className: 'small secondary', textContent: t('foreign.remove'),
        disabled: !canEdit });
      button.addEventListener('click', action);
      return el('li', { className: 'foreign' }, el('code', { textContent: label }), ' ', button);
    };
    const items = attributes.map((name) => remove(name + '="' + bo.$attrs[name] + '"', () => {
      if (element.businessObject === bo) modeling.updateProperties(element, { [name]: undefined });
      else modeling.updateModdleProperties(element, bo, { [name]: undefined });
    })).concat(extensions.map((value) => remove('<' + value.$type + '>', () => modeling.updateModdleProperties(element,
      bo.extensionElements, { values: bo.extensionElements.values.filter((other) => other !== value) }))));
    return [el('div', { className: 'prop', id: 'foreign' }, el('span', { textContent: t('foreign.title') }),
      el('ul', {}, items), el('small', { className: 'hint', textContent: t('foreign.hint') }))];
  }

  function elementPanel(element) {
    const bo = element.businessObject;
    const update = (props) => modeling.updateProperties(element, props);
    const type = bo.$type.replace('bpmn:', '');
    const parts = [el('h3', { textContent: messages['type.' + type] || type })];
    parts.push(field(t('prop.id'), text('id', bo.id, (v) => v && update({ id: v })), t('hint.id')));
    parts.push(field(t('prop.name'), text('name', bo.name, (v) => update({ name: v }))));
    if (element.waypoints) {
      if (bo.conditionExpression) parts.push(el('p', { className: 'muted' }, t('prop.condition') + ': ', el('code', { textContent: bo.conditionExpression.body })));
      return el('div', { id: 'element-properties' }, parts);
    }
    if (isA(bo, 'bpmn:FlowNode')) {
      parts.push(field(t('prop.stage'), choice('stage', bo.get('dunning:stage'), library.stages,
        (v) => update({ 'dunning:stage': v })), t('hint.stage')));
    }
    if (isA(bo, 'bpmn:ServiceTask')) parts.push(...serviceTaskFields(element, bo, update));
    if (isA(bo, 'bpmn:UserTask')) {
      parts.push(field(t('prop.candidateGroup'), choice('candidateGroups', bo.get('flowable:candidateGroups'),
        library.candidateGroups, (v) => update({ 'flowable:candidateGroups': v }))));
      parts.push(field(t('prop.formKey'), choice('formKey', bo.get('flowable:formKey'), library.forms,
        (v) => update({ 'flowable:formKey': v }))));
    }
    const timer = timerOf(bo);
    if (timer) parts.push(...timerFields(element, bo, timer));
    parts.push(...foreignFields(element, bo));
    return el('div', { id: 'element-properties' }, parts);
  }

  function serviceTaskFields(element, bo, update) {
    const expression = bo.get('flowable:expression') || '';
    const call = NOTICE.exec(expression);
    if (!call) {
      return [el('p', { className: 'muted' }, t('prop.planFunction') + ': ', el('code', { textContent: expression }))];
    }
    const state = { template: call[1], channels: call[2].split(',').map((c) => c.trim()).filter(Boolean), option: call[3] };
    const write = () => update({ 'flowable:expression': notice(state.template, state.channels.join(','), state.option) });
    const channelBoxes = library.channels.concat(state.channels.filter((c) => !library.channels.includes(c))).map((channel) => {
      const box = el('input', { type: 'checkbox', name: 'channel', value: channel, disabled: !canEdit,
        checked: state.channels.includes(channel) });
      box.addEventListener('change', () => {
        // The order of the channels is the order the plan tries them in: a new one goes last.
        state.channels = box.checked ? state.channels.concat(channel) : state.channels.filter((c) => c !== channel);
        write();
      });
      return el('label', { className: 'check' }, box, ' ' + channel);
    });
    const pdf = el('input', { type: 'checkbox', name: 'pdf', disabled: !canEdit, checked: state.option === 'pdf' });
    pdf.addEventListener('change', () => { state.option = pdf.checked ? 'pdf' : undefined; write(); });
    const async = el('input', { type: 'checkbox', name: 'async', disabled: !canEdit, checked: bo.get('flowable:async') === 'true' });
    async.addEventListener('change', () => update({ 'flowable:async': async.checked ? 'true' : undefined }));
    return [
      field(t('prop.template'), choice('template', state.template, library.templates,
        (v) => { state.template = v || ''; write(); })),
      el('fieldset', { className: 'prop channels' }, el('legend', { textContent: t('prop.channels') }), channelBoxes,
        el('small', { className: 'hint', textContent: t('hint.channels') })),
      el('label', { className: 'prop check' }, pdf, el('span', { textContent: t('prop.pdf') })),
      el('label', { className: 'prop check' }, async, el('span', { textContent: t('prop.async') }))
    ];
  }

  function timerFields(element, bo, timer) {
    if (timer.timeDate && timer.timeDate.body === PROMISED_DATE) {
      return [el('p', { className: 'muted', id: 'timer-kind' }, t('prop.waitsForPromise'))];
    }
    if (timer.timeDate || timer.timeCycle) {
      const body = (timer.timeDate || timer.timeCycle).body;
      return [el('p', { className: 'muted' }, t('prop.timer') + ': ', el('code', { textContent: body }))];
    }
    const current = timer.timeDuration ? timer.timeDuration.body : '';
    const hint = el('small', { className: 'hint', id: 'duration-hint', textContent: durationHint(current) });
    const input = text('duration', current, (value) => together(modeler.get('commandStack'), () => {
      const oldName = humanDuration(current);
      if (timer.timeDuration) modeling.updateModdleProperties(element, timer.timeDuration, { body: value || '' });
      else modeling.updateModdleProperties(element, timer, { timeDuration: bpmnFactory.create('bpmn:FormalExpression', { body: value || '' }) });
      if (value && humanDuration(value) && (!bo.name || bo.name === oldName)) modeling.updateProperties(element, { name: humanDuration(value) });
    }));
    input.addEventListener('input', () => { hint.textContent = durationHint(input.value.trim()); });
    return [el('label', { className: 'prop' }, el('span', { textContent: t('prop.duration') }), input, hint)];
  }

  const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
  function humanDuration(value) {
    const parts = DURATION.exec(value || '');
    if (!parts || value === 'P' || value.endsWith('T')) return null;
    const units = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'];
    const said = units.map((unit, i) => (parts[i + 1] ? count(unit, Number(parts[i + 1])) : null)).filter(Boolean);
    return said.length ? said.join(' ') : null;
  }
  const plurals = new Intl.PluralRules(document.documentElement.lang || 'en');
  const count = (unit, n) => t(messages['unit.' + unit + '.' + plurals.select(n)] ? 'unit.' + unit + '.' + plurals.select(n)
    : 'unit.' + unit + '.other', n);
  function durationHint(value) {
    return humanDuration(value) || t('hint.duration');
  }

  /* ---- findings: problems of the check, notes of an import ---- */

  const findings = document.getElementById('findings');
  const list = document.getElementById('problems');
  const status = document.getElementById('editor-status');
  let marked = [];
  function showFindings(title, items) {
    marked.forEach((id) => elementRegistry.get(id) && canvas.removeMarker(id, 'plan-problem'));
    marked = [];
    list.replaceChildren();
    findings.hidden = items.length === 0 && !title;
    document.getElementById('findings-title').textContent = title || '';
    for (const item of items) {
      const li = el('li', { className: 'finding' });
      if (item.element) {
        li.dataset.element = item.element;
        const link = el('button', { type: 'button', className: 'link', textContent: item.element });
        link.addEventListener('click', () => focus(item.element));
        li.append(link, item.attribute ? el('code', { textContent: ' ' + item.attribute }) : '', ': ');
        if (elementRegistry.get(item.element)) {
          canvas.addMarker(item.element, 'plan-problem');
          marked.push(item.element);
        }
      }
      li.append(item.message);
      list.append(li);
    }
  }
  function focus(id) {
    const element = elementRegistry.get(id);
    if (element) {
      selection.select(element);
      canvas.scrollToElement(element);
    } else {
      selection.select([]); // the process itself, or something not drawn: the process panel
    }
    render();
  }
  const say = (message, kind) => { status.textContent = message; status.className = kind || ''; };

  const xml = () => modeler.saveXML({ format: true }).then((r) => r.xml);
  const post = (url, body) => fetch(url, { method: 'POST', body,
    headers: Object.assign({ 'Content-Type': 'application/xml', Accept: 'application/json, application/problem+json' }, csrf) });
  async function failure(response) {
    let detail = response.status + ' ' + response.statusText;
    try { const body = await response.json(); detail = body.detail || body.title || detail; } catch (e) { /* not JSON */ }
    say(t('failed', detail), 'error');
  }

  async function check() {
    say(t('checking'));
    const response = await post('/api/plans/check', await xml());
    if (!response.ok) return failure(response);
    const result = await response.json();
    showFindings(result.valid ? t('valid') : t('invalid', result.problems.length), result.problems);
    say(result.valid ? t('valid') : t('invalid', result.problems.length), result.valid ? 'ok' : 'error');
  }

  async function deploy() {
    say(t('checking'));
    const response = await post('/api/plans', await xml());
    if (response.status === 422) {
      const problem = await response.json();
      const problems = problem.problems || [{ element: null, message: problem.detail }];
      showFindings(t('invalid', problems.length), problems);
      say(t('invalid', problems.length), 'error');
      return;
    }
    if (!response.ok) return failure(response);
    const deployed = await response.json();
    showFindings(null, []);
    planKey = deployed.key;
    document.getElementById('plan-title').textContent = deployed.key;
    history.replaceState(null, '', '/plans/' + encodeURIComponent(deployed.key) + '/edit');
    eventBus.fire('plan.saved');
    say(t(deployed.unchanged ? 'unchanged' : 'deployed', deployed.key, deployed.version), 'ok');
  }

  async function importFile(file) {
    const response = await post('/api/plans/import', await file.text());
    if (!response.ok) return failure(response);
    const converted = await response.json();
    await open(converted.xml);
    planKey = null;
    document.getElementById('plan-title').textContent = file.name;
    showFindings(converted.notes.length ? t('imported', converted.notes.length) : t('importedClean'), converted.notes);
    say(converted.notes.length ? t('imported', converted.notes.length) : t('importedClean'));
  }

  function download() {
    xml().then((content) => {
      const link = el('a', { href: URL.createObjectURL(new Blob([content], { type: 'application/xml' })),
        download: (processOf(canvas.getRootElement()).id || 'plan') + '.bpmn20.xml' });
      document.body.append(link);
      link.click();
      link.remove();
      eventBus.fire('plan.saved');
    });
  }

  async function open(content) {
    await modeler.importXML(content);
    canvas.zoom('fit-viewport', 'auto');
    render();
  }

  const NEW_PLAN = '<?xml version="1.0" encoding="UTF-8"?>\n'
    + '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    + ' xmlns:flowable="http://flowable.org/bpmn" xmlns:dunning="https://dunning.dev/bpmn"'
    + ' xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:omgdc="http://www.omg.org/spec/DD/20100524/DC"'
    + ' xmlns:omgdi="http://www.omg.org/spec/DD/20100524/DI" targetNamespace="https://dunning.dev/plans">\n'
    + '  <message id="debtPaid" name="debtPaid"/>\n'
    + '  <process id="new-plan" name="" isExecutable="true">\n'
    + '    <startEvent id="caseOpened" name="' + xmlText(t('step.caseOpened')) + '" dunning:stage="reminder"/>\n'
    + '    <subProcess id="whenDebtIsPaid" name="' + xmlText(t('step.whenDebtIsPaid')) + '" triggeredByEvent="true">\n'
    + '      <startEvent id="debtPaidReceived" name="' + xmlText(t('step.debtPaid')) + '" isInterrupting="true"><messageEventDefinition messageRef="debtPaid"/></startEvent>\n'
    + '      <sequenceFlow id="toCaseSettled" sourceRef="debtPaidReceived" targetRef="caseSettled"/>\n'
    + '      <endEvent id="caseSettled" name="' + xmlText(t('step.caseSettled')) + '"/>\n'
    + '    </subProcess>\n'
    + '  </process>\n'
    + '  <bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="new-plan">\n'
    + '    <bpmndi:BPMNShape id="shape-caseOpened" bpmnElement="caseOpened"><omgdc:Bounds x="100" y="102" width="36" height="36"/></bpmndi:BPMNShape>\n'
    + '    <bpmndi:BPMNShape id="shape-whenDebtIsPaid" bpmnElement="whenDebtIsPaid" isExpanded="true"><omgdc:Bounds x="100" y="300" width="300" height="140"/></bpmndi:BPMNShape>\n'
    + '    <bpmndi:BPMNShape id="shape-debtPaidReceived" bpmnElement="debtPaidReceived"><omgdc:Bounds x="140" y="352" width="36" height="36"/></bpmndi:BPMNShape>\n'
    + '    <bpmndi:BPMNShape id="shape-caseSettled" bpmnElement="caseSettled"><omgdc:Bounds x="320" y="352" width="36" height="36"/></bpmndi:BPMNShape>\n'
    + '    <bpmndi:BPMNEdge id="edge-toCaseSettled" bpmnElement="toCaseSettled"><omgdi:waypoint x="176" y="370"/><omgdi:waypoint x="320" y="370"/></bpmndi:BPMNEdge>\n'
    + '  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n'
    + '</definitions>\n';

  eventBus.on('selection.changed', render);
  eventBus.on('commandStack.changed', render);
  const button = (id, action) => { const b = document.getElementById(id); if (b) b.addEventListener('click', () => action().catch((e) => say(t('failed', e.message), 'error'))); };
  button('check-plan', check);
  button('deploy-plan', deploy);
  button('download-plan', async () => download());
  const upload = document.getElementById('import-file');
  if (upload) upload.addEventListener('change', () => upload.files[0] && importFile(upload.files[0]).catch((e) => say(t('failed', e.message), 'error')));

  // Leaving with changes nobody deployed or downloaded asks first.
  let savedAt = 0;
  const commandStack = modeler.get('commandStack');
  const unsaved = () => canEdit && commandStack._stackIdx + 1 !== savedAt;
  window.addEventListener('beforeunload', (event) => { if (unsaved()) { event.preventDefault(); event.returnValue = ''; } });
  eventBus.on('import.done', () => { savedAt = commandStack._stackIdx + 1; });
  eventBus.on('plan.saved', () => { savedAt = commandStack._stackIdx + 1; });

  if (location.hash === '#import' && document.getElementById('import-label')) {
    document.getElementById('import-label').classList.add('attention');
    document.getElementById('import-label').scrollIntoView();
  }

  const ready = libraryLoaded.then(() => (planKey
    ? fetch('/api/plans/' + encodeURIComponent(planKey) + '/diagram', { headers: { Accept: 'application/xml' } })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(r.status + ' ' + r.statusText)))).then(open)
    : open(NEW_PLAN))).then(() => { root.dataset.ready = 'true'; })
    .catch((e) => say(t('failed', e.message), 'error'));

  /** For tests and the curious: the modeler and the XML it would save. */
  window.dunningEditor = { modeler, ready, saveXML: xml, open };
}());
