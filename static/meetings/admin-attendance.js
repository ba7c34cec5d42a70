'use strict';
// "Fill attendance" on the meeting form: asks the server for the committee's members on the
// meeting date (works before the meeting is first saved) and adds one inline row per member.
(function () {
  function ready(fn) {
    if (document.readyState !== 'loading') fn();
    else document.addEventListener('DOMContentLoaded', fn);
  }

  function rows(group) {
    return Array.from(group.querySelectorAll('.form-row[id^="attendances-"]:not(.empty-form)'));
  }

  function freeRow(group) {
    const empty = rows(group).find(function (row) {
      const person = row.querySelector('select[name$="-person"]');
      const deleted = row.querySelector('input[name$="-DELETE"]');
      return person && !person.value && !(deleted && deleted.checked);
    });
    if (empty) return empty;
    group.querySelector('.add-row a').click();
    const all = rows(group);
    return all[all.length - 1];
  }

  function choose(select, value, label) {
    if (!Array.from(select.options).some(function (o) { return o.value === String(value); })) {
      select.append(new Option(label, value, false, false));
    }
    select.value = String(value);
    if (window.django && django.jQuery) django.jQuery(select).trigger('change');
    else select.dispatchEvent(new Event('change', {bubbles: true}));
  }

  function fill(row, member) {
    choose(row.querySelector('select[name$="-person"]'), member.person, member.name);
    row.querySelector('input[name$="-title"]').value = member.title;
    row.querySelector('select[name$="-committee_role"]').value = String(member.role);
    row.querySelector('input[name$="-order"]').value = member.order === null ? '' : String(member.order);
  }

  // The chair is said once: the "Chủ trì" field and the attendance role follow each other
  // (the server keeps them in step too, for a browser without JavaScript).
  const HEAD_ROLE = '10';
  let syncing = false;

  function personOf(row) {
    const select = row.querySelector('select[name$="-person"]');
    return select ? select.value : '';
  }

  function nameOf(row) {
    const select = row.querySelector('select[name$="-person"]');
    const option = select && select.selectedOptions[0];
    return option ? option.textContent : '';
  }

  function markChair(group, personId) {
    rows(group).forEach(function (row) {
      const role = row.querySelector('select[name$="-meeting_role"]');
      if (!role) return;
      if (personId && personOf(row) === personId) role.value = 'chair';
      else if (role.value === 'chair') role.value = 'member';
    });
  }

  function setChair(personId, name) {
    const chair = document.getElementById('id_chair');
    if (!chair || chair.value === personId) return;
    syncing = true;
    choose(chair, personId, name);
    syncing = false;
  }

  // A new agenda, difficulty or directive row is numbered after the rows above it.
  document.addEventListener('formset:added', function (event) {
    const order = event.target.querySelector('input[name$="-order"]');
    if (!order) return;
    const group = event.target.closest('.inline-group');
    // Attendance left blank follows the member order when saved.
    if (group.id === 'attendances-group') return;
    const numbers = Array.from(group.querySelectorAll('input[name$="-order"]'))
      .filter(function (input) { return input !== order && !input.name.includes('__prefix__'); })
      .map(function (input) { return parseInt(input.value, 10) || 0; });
    order.value = String(Math.max(0, ...numbers) + 1);
  });

  ready(function () {
    const box = document.getElementById('fill-attendance');
    const group = document.getElementById('attendances-group');
    if (!box || !group) return;
    const chair = document.getElementById('id_chair');
    if (chair && window.django && django.jQuery) {
      django.jQuery(chair).on('change', function () {
        if (!syncing) markChair(group, chair.value);
      });
    }
    group.addEventListener('change', function (event) {
      if (!event.target.matches('select[name$="-meeting_role"]')) return;
      const row = event.target.closest('.form-row');
      if (event.target.value === 'chair' && personOf(row)) {
        markChair(group, personOf(row));
        setChair(personOf(row), nameOf(row));
      }
    });
    const status = box.querySelector('[role="status"]');
    box.querySelector('button').addEventListener('click', async function () {
      const committee = document.getElementById('id_committee').value;
      const date = document.getElementById('id_start_date').value.trim();
      if (!committee || !date) {
        status.textContent = 'Chọn Ban và nhập ngày họp (dd/mm/yyyy) trước.';
        return;
      }
      const url = box.dataset.url + '?' + new URLSearchParams({committee: committee, date: date});
      let data;
      try {
        const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
        data = await response.json();
        if (!response.ok) {
          status.textContent = data.error || 'Không lấy được danh sách thành viên.';
          return;
        }
      } catch (error) {
        status.textContent = 'Không kết nối được máy chủ, vui lòng thử lại.';
        return;
      }
      const chosen = new Set(rows(group).map(function (row) {
        const person = row.querySelector('select[name$="-person"]');
        return person ? person.value : '';
      }).filter(Boolean));
      let added = 0;
      data.members.forEach(function (member) {
        if (chosen.has(String(member.person))) return;
        fill(freeRow(group), member);
        added += 1;
      });
      // With no chair chosen yet, the committee's head chairs, as is usual.
      const head = data.members.find(function (member) { return String(member.role) === HEAD_ROLE; });
      if (chair && !chair.value && head) setChair(String(head.person), head.name);
      if (chair && chair.value) markChair(group, chair.value);
      if (!data.members.length) status.textContent = 'Ban chưa có thành viên nào vào ngày ' + date + '.';
      else if (added) status.textContent = 'Đã thêm ' + added + ' người vào danh sách dự họp.';
      else status.textContent = 'Mọi thành viên đã có trong danh sách.';
    });
  });
})();
